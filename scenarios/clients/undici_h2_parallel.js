// Several GETs at once through undici's RetryAgent over one HTTP/2 connection: faultline's oracle for
// retries that share a connection (each attempt is a stream of its own).
//
// Run with node 20 and NODE_PATH pointing at a node_modules holding undici 6. The Agent offers h2
// (allowH2) and keeps one connection per origin with up to 10 requests on it, so the calls are
// multiplexed; RetryAgent retries 500, 502, 503, 504 and 429 after 0.5 s, 1 s, ... (no jitter).
// It trusts the run's certificate authority (NODE_EXTRA_CA_CERTS, which node reads at start).
//
// Env:
//   TARGET_URL    the origin, such as https://127.0.0.1:PORT (required)
//   PATHS         the paths to GET at once, comma-separated, default /a,/b,/c
//   MAX_RETRIES   maxRetries, default 2
'use strict'
const { Agent, RetryAgent, request } = require('undici')

async function main () {
  const agent = new RetryAgent(new Agent({ allowH2: true, connections: 1, pipelining: 10 }), {
    maxRetries: Number(process.env.MAX_RETRIES ?? 2),
    minTimeout: 500
  })
  const paths = (process.env.PATHS ?? '/a,/b,/c').split(',')
  const results = await Promise.all(paths.map(async path => {
    try {
      const { statusCode, body } = await request(process.env.TARGET_URL + path, { dispatcher: agent })
      await body.dump()
      return statusCode < 400
    } catch (err) {
      console.log(`undici: ${path}: ${err.code ?? err.name}: ${err.message}`)
      return false
    }
  }))
  console.log(`undici: ${results.filter(ok => ok).length} of ${paths.length} calls succeeded`)

  return results.every(ok => ok) ? 0 : 1
}

main().then(code => process.exit(code))
