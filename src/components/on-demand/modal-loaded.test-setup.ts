// Browser tests: the modal's body (loaded on demand, preloaded when the modal mounts) is loaded
// before a test opens a modal, as it is in an app by the time a person opens one: a dev server
// transforming the body's modules on first import takes longer than a test takes to press the
// trigger. Opening before it has loaded is tested in modal-loading.browser.test.tsx.
import { modalEngine } from './modal-parts';

await modalEngine.load();
