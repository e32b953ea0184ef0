// Calls each NAME=URL given once with Node's built-in fetch, all at once; the run's CA comes from
// NODE_EXTRA_CA_CERTS. Prints one line per call: NAME, a tab, then the error's name, its cause's code
// and message (or "ok STATUS"). The call named "hang" is aborted after 1 s (AbortSignal.timeout); the
// others after 10 s, so a handshake slowed by a loaded machine is not mistaken for a hang.
const calls = process.argv.slice(2).map(arg => {
  const [name, url] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
  return fetch(url, { signal: AbortSignal.timeout(name === 'hang' ? 1000 : 10000) })
    .then(r => `${name}\tok ${r.status}`)
    .catch(e => `${name}\t${e.name}: ${e.message} <- ${e.cause ? `${e.cause.code}: ${e.cause.message}` : 'no cause'}`);
});
Promise.all(calls).then(lines => {
  console.log(`node ${process.version} undici ${process.versions.undici}`);
  lines.forEach(l => console.log(l.replace(/\n/g, ' ')));
  // A hung handshake's socket outlives the aborted fetch until undici's own 10 s connect timeout.
  process.exit(0);
});
