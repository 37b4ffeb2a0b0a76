import type { Decorator, Preview } from '@storybook/react-vite';
import { configure } from 'storybook/test';
import '../src/components/styles.css';
import './preview.css';
import { modalEngine } from '../src/components/on-demand/modal-parts';
import { StoryEnvironmentContext, environmentFrom } from '../stories/environment';

// Play functions wait for what a person would see (a dialog fading in, the reading state after
// a scroll frame); on a busy two-core CI machine the first frame can take over a second.
configure({ asyncUtilTimeout: 3000 });

/**
 * Applies the toolbar to every story: the component stories read the environment from the
 * context (and spread it on the component); every story sits in a wrapper carrying the
 * direction, so the hook stories follow it too. `lang` is set by the components themselves
 * (their root's `lang` is the UI locale); the hook stories' own texts are English, so their
 * wrapper keeps the page's `lang="en"` rather than claim a language they are not in.
 */
const withEnvironment: Decorator = (Story, { globals, viewMode }) => {
  const env = environmentFrom(globals);
  // The canvas follows a dark story (preview.css); on a Docs page, stories in several themes
  // share one page, which keeps its own colours.
  const canvasTheme = viewMode === 'story' ? env.storyTheme : undefined;
  return (
    <StoryEnvironmentContext.Provider value={env}>
      <div className="story-wrapper" dir={env.dir} data-story-theme={canvasTheme}>
        <Story />
      </div>
    </StoryEnvironmentContext.Provider>
  );
};

/** Viewports, from a small phone up; a story can pin one with `globals: { viewport: … }`. */
const viewports = {
  smallPhone: {
    name: 'Small phone (320 × 568)',
    styles: { width: '320px', height: '568px' },
    type: 'mobile',
  },
  phone: { name: 'Phone (390 × 844)', styles: { width: '390px', height: '844px' }, type: 'mobile' },
  tablet: { name: 'Tablet (768 × 1024)', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
  laptop: { name: 'Laptop (1280 × 800)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
  desktop: { name: 'Desktop (1440 × 900)', styles: { width: '1440px', height: '900px' }, type: 'desktop' },
} as const;

const preview: Preview = {
  decorators: [withEnvironment],
  // The modal's body is a chunk loaded on demand, preloaded when a modal mounts: loaded before a
  // story renders, as in an app by the time a person opens the modal (the dev server's first
  // transform of it is slower than any network; opening before it loads is tested in Chromium).
  loaders: [
    async () => {
      await modalEngine.load();
      return {};
    },
  ],
  globalTypes: {
    theme: {
      description: 'Colour theme of the components (unstyled: no class of styles.css is rendered)',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'unstyled', title: 'Unstyled', icon: 'eyeclose' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description:
        'Language of the components (their messages: en, zhCN or ar); automatic is English, ' +
        'or Arabic when the direction is right to left',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          // Not a language: stories/environment.tsx picks one from the direction.
          { value: 'auto', title: 'Automatic (English; Arabic right to left)', right: 'auto' },
          { value: 'en', title: 'English', right: 'en' },
          { value: 'zh-CN', title: '简体中文 Simplified Chinese', right: 'zh-CN' },
          { value: 'ar', title: 'العربية Arabic', right: 'ar' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Text direction of the UI',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right', right: 'ltr' },
          { value: 'rtl', title: 'Right to left', right: 'rtl' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: {
    theme: 'light',
    // Automatic, so that turning on right to left shows a right-to-left language (Arabic); an
    // explicit 'en' here kept English laid out right to left. Left to right it is English.
    locale: 'auto',
    direction: 'ltr',
    viewport: { value: undefined, isRotated: false },
  },
  parameters: {
    layout: 'padded',
    // Every story is an accessibility test: an axe violation fails it in `npm test`.
    a11y: { test: 'error' },
    controls: { expanded: true },
    viewport: { options: viewports },
    options: {
      storySort: {
        order: [
          'Introduction',
          'Guides',
          [
            'Getting started',
            'Theming',
            'Languages and texts',
            'Receipts and server verification',
            'Accessibility',
            'Legal notes',
          ],
          'Components',
          ['ClickwrapModal', 'ClickwrapPage', 'Custom layout', 'Scenarios'],
          'Hooks',
        ],
      },
    },
  },
  tags: ['autodocs'],
};

export default preview;
