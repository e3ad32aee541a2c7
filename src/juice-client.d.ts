// juice's own entry without the functions that fetch and read files (web-resource-inliner, undici),
// which Gazette does not use: the same inliner, loaded in half the time.
declare module 'juice/client.js' {
  import juice from 'juice';
  export default juice;
}
