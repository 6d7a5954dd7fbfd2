import { useTheme } from '../lib/theme';
import styles from './ThemeToggle.module.css';

/** The header's dark mode switch: follows the system until pressed, then remembers. */
export function ThemeToggle() {
  const { theme, followsSystem, setTheme } = useTheme();
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      className={styles.toggle}
      aria-pressed={dark}
      title={followsSystem ? 'Dark mode (following your system setting)' : 'Dark mode'}
      onClick={() => setTheme(dark ? 'light' : 'dark')}
    >
      <span className={styles.icon} aria-hidden="true">
        {dark ? '☾' : '☀'}
      </span>
      <span className={styles.label}>Dark mode</span>
    </button>
  );
}
