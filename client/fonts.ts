/** The bundled CJK font (no network at run time: Vite bundles the woff2 subsets). */
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/500.css';

/** Loads the unicode-range subsets that `text` needs, so deck.gl's glyph atlas can use them. */
export async function loadLabelFont(text: string): Promise<void> {
  const sample = [...new Set(text)].join('');
  await Promise.all([
    document.fonts.load('500 16px "Noto Sans SC"', sample || '社区'),
    document.fonts.load('400 16px "Noto Sans SC"', sample || '社区'),
  ]);
}
