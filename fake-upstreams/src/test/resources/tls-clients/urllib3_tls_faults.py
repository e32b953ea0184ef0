"""Calls each NAME=URL given once with urllib3, verifying against the CA file given first, in parallel.

Prints one line per call: NAME, a tab, then the exception chain outermost first as "Type: message"
(module-qualified) joined by " <- " (or "ok STATUS"). No retries. The call named "hang" gets a 1 s timeout, so it ends
quickly; the others 10 s, so a handshake slowed by a loaded machine is not mistaken for a hang.
"""
import sys
import threading

import urllib3


def chain(error):
    parts, seen = [], set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        parts.append(type(error).__module__ + "." + type(error).__name__ + ": " + str(error).replace("\n", " "))
        # urllib3 wraps the ssl module's error; follow the wrapping (a reason may also be a plain string).
        error = error.__cause__ or error.__context__ or getattr(error, "reason", None)
        if not isinstance(error, BaseException):
            error = None
    return " <- ".join(parts)


def call(name, url, ca, lines):
    pool = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=ca, retries=False,
                               timeout=1.0 if name == "hang" else 10.0)
    try:
        lines[name] = "ok " + str(pool.request("GET", url).status)
    except Exception as error:
        lines[name] = chain(error)


def main():
    ca, lines, threads = sys.argv[1], {}, []
    for arg in sys.argv[2:]:
        name, url = arg.split("=", 1)
        threads.append(threading.Thread(target=call, args=(name, url, ca, lines)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("urllib3", urllib3.__version__)
    for arg in sys.argv[2:]:
        name = arg.split("=", 1)[0]
        print(name + "\t" + lines[name])


main()
