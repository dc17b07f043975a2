#!/usr/bin/env python3
"""Load for the memory measurement (deploy/measure-memory.sh): leads in batches of 1,000 through
scoring's API, then their activity, a third of them asking for a demo, so every service works:
scoring ingests and qualifies, routing assigns and notifies, SLA starts clocks, reporting projects.
Standard library only. Usage: load.py SCORING_URL TOKEN_URL LEADS"""
import json
import sys
import time
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timezone

scoring, token_url, leads = sys.argv[1], sys.argv[2], int(sys.argv[3])


def token():
    body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": "web-forms",
                                   "client_secret": "web-forms-demo"}).encode()
    with urllib.request.urlopen(urllib.request.Request(token_url, data=body)) as r:
        return json.load(r)["access_token"]


def post(path, payload, bearer):
    request = urllib.request.Request(scoring + path, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + bearer})
    with urllib.request.urlopen(request, timeout=120) as r:
        return r.status


run = uuid.uuid4().hex[:8]
started = time.time()
bearer, fetched = token(), time.time()
for batch in range(0, leads, 1000):
    if time.time() - fetched > 200:  # tokens live five minutes
        bearer, fetched = token(), time.time()
    ids = range(batch, min(leads, batch + 1000))
    post("/api/v1/leads:batch", [{"email": f"load-{run}-{i}@company{i % 500}.example", "firstName": "Load",
                                  "lastName": str(i), "jobTitle": "Director of Sales Ops", "seniority": "Director",
                                  "companyName": f"Company {i % 500}", "companyDomain": f"company{i % 500}.example",
                                  "industry": "Software", "employees": 50 + i % 2000, "country": "DE",
                                  "source": "webinar", "campaign": "load"} for i in ids], bearer)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    post("/api/v1/events", [{"eventId": f"load-{run}-{i}", "email": f"load-{run}-{i}@company{i % 500}.example",
                             "type": "demo_request" if i % 3 == 0 else "page_view",
                             "url": "https://acme.example/demo" if i % 3 == 0 else "https://acme.example/pricing",
                             "occurredAt": now} for i in ids], bearer)
print(f"{leads} leads and {leads} events posted in {time.time() - started:.0f} s")
