// One GET through undici's RetryAgent, configured by the environment: faultline's oracle for undici.
//
// Run with node 20 and NODE_PATH pointing at a node_modules holding undici 6. RetryAgent (RetryHandler)
// retries 500,502, 503, 504 and 429 and waits min(minTimeout * timeoutFactor^(n-1), maxTimeout) before
// retry n: 0.5, 1, 2, 4 s by default, no jitter; a Retry-After replaces the wait.
//
// Env:
//   TARGET_URL    the URL to GET (required)
//   MAX_RETRIES   maxRetries, default 5
//   MIN_TIMEOUT   minTimeout in ms, default 500
'use strict'
const { Agent, RetryAgent, request } = require('undici')

async function main () {
  const agent = new RetryAgent(new Agent(), {
    maxRetries: Number(process.env.MAX_RETRIES ?? 5),
    minTimeout: Number(process.env.MIN_TIMEOUT ?? 500)
  })
  try {
    const { statusCode, body } = await request(process.env.TARGET_URL, { dispatcher: agent })
    await body.dump()
    console.log(`undici: status ${statusCode}`)
    return statusCode < 400 ? 0 : 1
  } catch (err) {
    console.log(`undici: ${err.code ?? err.name}: ${err.message}`)
    return 1
  }
}

main().then(code => process.exit(code))
