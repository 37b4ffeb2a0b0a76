import { ClickwrapModal, ClickwrapPage } from '../../src';
import type { ClickwrapModalProps, ClickwrapPageProps } from '../../src';
import { componentProps, useStoryEnvironment } from '../environment';

/** The page with the toolbar's theme, language and direction; the story's args win. */
export function PageStory(props: ClickwrapPageProps) {
  const env = useStoryEnvironment();
  return <ClickwrapPage {...componentProps(env)} {...props} />;
}

/**
 * The modal with the toolbar's theme, language and direction, and a trigger button (the app's)
 * that opens it again once closed; the story's args win (`defaultOpen: true` to show it open).
 */
export function ModalStory(props: ClickwrapModalProps) {
  const env = useStoryEnvironment();
  return (
    <ClickwrapModal
      {...componentProps(env)}
      trigger={<button type="button">{env.texts.openTerms}</button>}
      {...props}
    />
  );
}
