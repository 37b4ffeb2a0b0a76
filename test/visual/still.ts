// What keeps a screenshot the same from run to run and machine to machine: one font from
// node_modules for the Latin text, no motion, no caret, scrollbars as the page would lay them out.
import bold from '../../node_modules/storybook/assets/browser/nunito-sans-bold.woff2?url';
import boldItalic from '../../node_modules/storybook/assets/browser/nunito-sans-bold-italic.woff2?url';
import italic from '../../node_modules/storybook/assets/browser/nunito-sans-italic.woff2?url';
import regular from '../../node_modules/storybook/assets/browser/nunito-sans-regular.woff2?url';

/** The family the screenshots set every text in (Nunito Sans, shipped in the storybook package). */
export const VISUAL_FONT = 'RCW Visual Sans';

/**
 * Loads Nunito Sans under {@link VISUAL_FONT}, and under the names the stories ask for that a
 * machine may or may not have (the brand story's Georgia), so no system font decides a glyph's
 * width. Weights up to 549 use the regular face, heavier ones the bold (the theme's bold is 650).
 */
export async function installVisualFont(): Promise<void> {
  const faces = [VISUAL_FONT, 'Georgia'].flatMap((family) => [
    new FontFace(family, `url(${regular})`, { weight: '1 549', style: 'normal' }),
    new FontFace(family, `url(${bold})`, { weight: '550 1000', style: 'normal' }),
    new FontFace(family, `url(${italic})`, { weight: '1 549', style: 'italic' }),
    new FontFace(family, `url(${boldItalic})`, { weight: '550 1000', style: 'italic' }),
  ]);
  await Promise.all(faces.map((face) => face.load()));
  for (const face of faces) document.fonts.add(face);
}

/**
 * The canvas fills the window and scrolls (so a screenshot is the window, as a person sees it);
 * the theme's font tokens point at the loaded font; nothing moves and no caret blinks.
 */
export const STILL_CSS = `
.visual-canvas { position: fixed; inset: 0; overflow: auto; }
body, .rcw-root { font-family: '${VISUAL_FONT}', sans-serif; }
.rcw-root { --rcw-font-family: '${VISUAL_FONT}', sans-serif !important; }
*, *::before, *::after {
  animation: none !important;
  transition: none !important;
  caret-color: transparent !important;
}
`;
