import { useTranslation } from "react-i18next";
import { PLAYBOOK_MAX_CHECKLIST, PLAYBOOK_MAX_TASKS } from "../../../../contract/playbooks.js";
import { Button } from "../../../lib/ui/Button.js";
import { BilingualField } from "./BilingualField.js";
import { type TaskDraft, emptyItem, emptyTask, moved, replaced, without } from "./playbook-draft.js";

interface Props {
  tasks: TaskDraft[];
  onChange: (tasks: TaskDraft[]) => void;
  /** The server's field errors keyed by path ("tasks.0.title.sv"). */
  fieldErrors: Record<string, string>;
}

/** A playbook's tasks in order, each with its checklist; add, remove and move with buttons. */
export function PlaybookTasksEditor({ tasks, onChange, fieldErrors }: Props) {
  const { t } = useTranslation();
  const errorsAt = (path: string) => ({ sv: fieldErrors[`${path}.sv`], en: fieldErrors[`${path}.en`] });
  return (
    <ol className="pb-tasks">
      {tasks.map((task, i) => {
        const n = i + 1;
        const update = (next: TaskDraft) => onChange(replaced(tasks, i, next));
        return (
          <li key={task.key} className="pb-task">
            <fieldset className="fieldset">
              <legend>{t("playbooksAdmin.taskN", { n })}</legend>
              <BilingualField
                label={t("playbooksAdmin.taskTitle", { n })}
                value={task.title}
                required
                maxLength={300}
                errors={errorsAt(`tasks.${i}.title`)}
                onChange={(title) => update({ ...task, title })}
              />
              <h4 className="pb-checklist-title">{t("playbooksAdmin.checklist")}</h4>
              {task.checklist.length === 0 ? <p className="ws-soft">{t("playbooksAdmin.noChecklist")}</p> : null}
              <ol className="pb-checklist">
                {task.checklist.map((item, j) => (
                  <li key={item.key} className="pb-item">
                    <BilingualField
                      label={t("playbooksAdmin.itemN", { task: n, n: j + 1 })}
                      value={item.text}
                      rows={2}
                      required
                      maxLength={500}
                      errors={errorsAt(`tasks.${i}.checklist.${j}`)}
                      onChange={(text) =>
                        update({ ...task, checklist: replaced(task.checklist, j, { ...item, text }) })
                      }
                    />
                    <Button
                      variant="quiet"
                      aria-label={t("playbooksAdmin.removeItem", { task: n, n: j + 1 })}
                      onClick={() => update({ ...task, checklist: without(task.checklist, j) })}
                    >
                      {t("playbooksAdmin.remove")}
                    </Button>
                  </li>
                ))}
              </ol>
              <div className="pb-task-actions">
                <Button
                  disabled={task.checklist.length >= PLAYBOOK_MAX_CHECKLIST}
                  onClick={() => update({ ...task, checklist: [...task.checklist, emptyItem()] })}
                >
                  {t("playbooksAdmin.addItem")}
                </Button>
                <Button
                  variant="quiet"
                  disabled={i === 0}
                  aria-label={t("playbooksAdmin.moveUp", { n })}
                  onClick={() => onChange(moved(tasks, i, -1))}
                >
                  ↑
                </Button>
                <Button
                  variant="quiet"
                  disabled={i === tasks.length - 1}
                  aria-label={t("playbooksAdmin.moveDown", { n })}
                  onClick={() => onChange(moved(tasks, i, 1))}
                >
                  ↓
                </Button>
                <Button
                  variant="danger"
                  disabled={tasks.length <= 1}
                  aria-label={t("playbooksAdmin.removeTask", { n })}
                  onClick={() => onChange(without(tasks, i))}
                >
                  {t("playbooksAdmin.removeTaskShort")}
                </Button>
              </div>
            </fieldset>
          </li>
        );
      })}
      <li className="pb-add">
        <Button disabled={tasks.length >= PLAYBOOK_MAX_TASKS} onClick={() => onChange([...tasks, emptyTask()])}>
          {t("playbooksAdmin.addTask")}
        </Button>
      </li>
    </ol>
  );
}
