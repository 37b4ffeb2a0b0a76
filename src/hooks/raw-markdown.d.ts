// Vite's `?raw` imports, used by tests to load agreements as text (vite/client declares these
// too, but the project does not load its global types).
declare module '*.md?raw' {
  const text: string;
  export default text;
}
