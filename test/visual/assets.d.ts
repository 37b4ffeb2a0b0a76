// Vite's `?url` imports: the served address of a file (here, the fonts of still.ts).
declare module '*.woff2?url' {
  const url: string;
  export default url;
}
