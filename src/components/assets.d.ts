'use client';
// Lets the tests import styles.css (Vite serves it, for real layout; `?raw` for its text). The
// package ships the stylesheet as a file.
declare module '*.css';
declare module '*.css?raw' {
  const text: string;
  export default text;
}
