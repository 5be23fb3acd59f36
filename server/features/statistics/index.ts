// The statistics feature's face to the composition root and other features.
export { registerStatisticsRoutes } from "./routes.js";
export { refreshStatistics, startStatisticsRefresh } from "./refresh.js";
