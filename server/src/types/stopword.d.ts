/** The parts of the `stopword` package the suggestions use (it ships no types): its stop-word lists. */
declare module 'stopword' {
  export const eng: string[];
  export const jpn: string[];
}
