/** The element that shows the assent statement: the checkbox's label (or what labels it). */
export function statementOf(assent: HTMLElement): HTMLElement {
  const labels = (assent as HTMLInputElement).labels;
  if (labels && labels[0]) return labels[0];
  const id = assent.getAttribute('aria-labelledby')?.split(/\s+/)[0];
  return (id && assent.ownerDocument.getElementById(id)) || assent;
}
