// The UI language as a user setting: read from `get_settings` at start, saved with `update_settings`.
import { get, writable } from 'svelte/store';
import { errorMessage, getSettings, updateSettings, type Language } from './ipc';
import { isLanguage, locale } from './i18n';

/** Why the last language change could not be saved, if it could not. */
export const settingsError = writable<string | null>(null);

export async function loadSettings(): Promise<void> {
  try {
    const settings = await getSettings();
    if (isLanguage(settings.language)) locale.set(settings.language);
  } catch (error) {
    settingsError.set(errorMessage(error));
  }
}

/** Switches at once, then saves; goes back to the previous language if the backend refuses. */
export async function changeLanguage(language: Language): Promise<void> {
  const previous = get(locale);
  locale.set(language);
  settingsError.set(null);
  try {
    const saved = await updateSettings({ language });
    if (isLanguage(saved.language)) locale.set(saved.language);
  } catch (error) {
    locale.set(previous);
    settingsError.set(errorMessage(error));
  }
}
