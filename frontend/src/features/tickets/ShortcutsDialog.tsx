import { Dialog } from '../../components/Dialog';
import { SHORTCUTS } from './shortcuts';
import styles from './ShortcutsDialog.module.css';

/** The "?" overlay: every key of the queue and what it does. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <p className={styles.note}>Shortcuts work in the queue whenever you are not typing in a field.</p>
      <table className={styles.table}>
        <caption className="visually-hidden">Keyboard shortcuts of the queue</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.does}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' '}
                    <kbd className={styles.kbd}>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
