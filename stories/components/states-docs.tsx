import {
  AnchorMdx,
  Canvas,
  Controls,
  Description,
  DocsContext,
  Heading,
  Markdown,
  Primary,
  Title,
} from '@storybook/addon-docs/blocks';
import { useContext } from 'react';
import type { ModuleExport } from 'storybook/internal/types';

interface StatesDocsProps {
  /**
   * Whether the page shows the first story (and the props under it). Off where the first story
   * is only reached by its play function, as every scenario is.
   */
  primary?: boolean;
  /**
   * The story shown first, in place of the first one. A modal's page shows it closed, behind its
   * trigger: opened by itself, the dialog took focus into its frame as the page loaded, and a
   * reader's Tab or arrow keys went there instead of down the page.
   */
  of?: ModuleExport;
}

/**
 * A Docs page of stories that reach their state with a play function: the first story and the
 * props, then every story as a link with its description, not every story rendered. Play
 * functions do not run on a Docs page, so every story there showed the same first view (a page
 * tens of thousands of pixels tall that looked the same all the way down); and a modal story's
 * frame takes focus from the others. Each state plays in a story of its own in the sidebar.
 */
export function StatesDocs({ primary = true, of }: StatesDocsProps) {
  const { componentStories } = useContext(DocsContext);
  const stories = componentStories();
  return (
    <>
      <Title />
      <Description />
      {primary && of ? (
        <>
          <Canvas of={of} />
          <Controls of={of} />
        </>
      ) : primary ? (
        <>
          <Primary />
          <Controls />
        </>
      ) : null}
      <Heading>Every state</Heading>
      <p>
        Each state is reached by the story's play function, which acts as a person would (scrolls, types,
        ticks, presses a button), so it shows only in the story itself: open one to see it, and its
        Interactions panel to follow the steps.
      </p>
      <ul>
        {stories.map((story) => {
          const description = story.parameters.docs?.description?.story;
          return (
            <li key={story.id}>
              <AnchorMdx href={`?path=/story/${story.id}`} target="_top">
                {story.name}
              </AnchorMdx>
              {typeof description === 'string' ? <Markdown>{description}</Markdown> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
