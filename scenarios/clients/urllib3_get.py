"""One GET through urllib3's Retry, configured by the environment: faultline's oracle for urllib3.

Run with the system Python and Debian's python3-urllib3 (/usr/bin/python3), whose Retry (1.26.x)
sleeps 0 before the first retry and backoff_factor * 2**(n-1) before retry n >= 2 (capped at 120 s),
and, on 413/429/503 with a Retry-After, sleeps exactly the Retry-After instead (seconds or HTTP-date).

Env:
  TARGET_URL        the URL to GET (required)
  RETRY_TOTAL       Retry(total=...), default 3
  BACKOFF_FACTOR    Retry(backoff_factor=...), default 0
  STATUS_FORCELIST  comma-separated statuses to retry even without Retry-After, default none
  BACKOFF_JITTER    Retry(backoff_jitter=...), urllib3 2 only: adds uniform(0, BACKOFF_JITTER) s to each
                    backoff from the second retry on; unset, the argument is not passed (1.26 has none)
"""
import os
import sys

import urllib3
from urllib3.util.retry import Retry


def main():
    url = os.environ["TARGET_URL"]
    forcelist = [int(s) for s in os.environ.get("STATUS_FORCELIST", "").split(",") if s.strip()]
    jitter = {"backoff_jitter": float(os.environ["BACKOFF_JITTER"])} if "BACKOFF_JITTER" in os.environ else {}
    retry = Retry(
        total=int(os.environ.get("RETRY_TOTAL", "3")),
        backoff_factor=float(os.environ.get("BACKOFF_FACTOR", "0")),
        status_forcelist=forcelist or None,
        raise_on_status=False,  # hand back the last response instead of raising MaxRetryError
        **jitter,
    )
    http = urllib3.PoolManager(retries=retry)
    response = http.request("GET", url)
    attempts = len(response.retries.history) + 1 if response.retries else 1
    print(f"urllib3 {urllib3.__version__}: status {response.status} after {attempts} attempts", flush=True)
    return 0 if response.status < 400 else 1


if __name__ == "__main__":
    sys.exit(main())
