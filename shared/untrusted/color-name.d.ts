declare module 'color-name' {
  /** Every CSS named colour (CSS Color Module Level 4), lower case, as [red, green, blue]. */
  const colors: Readonly<Record<string, readonly [number, number, number]>>;
  export default colors;
}
