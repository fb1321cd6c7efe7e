#!/usr/bin/env python3
"""Writes focus-2026-11.csv: a small FOCUS 1.x cost export for the example manifests.

Daily rows from 2026-10-25 to 2026-11-21 (the export was taken at 2026-11-22T00:00:00Z), tagged
with `spendgate-manifest` and `team` as the manifests in ../manifests declare them. The same
script always writes the same bytes: the noise comes from a generator with a fixed seed.

What `spendgate spend examples/manifests --policy examples/policy.yaml
--spend examples/spend/focus-2026-11.csv --now 2026-11-22T12:00:00Z` should show:

- zombie-notebook is over its total budget: its 48-hour TTL ran out on 2026-11-03 and the
  notebook kept running;
- search-reranker is past the 80% warning of its total budget;
- fraud-scorer is under 80% of its monthly budget, but its run-rate forecasts more than the
  budget by the end of November;
- support-assistant has an anomaly on 2026-11-21: a retry storm five to six times its usual day;
- about 10% of the spend is unattributed: a shared GPU node pool (team tag only), untagged data
  transfer, and a workload whose manifest is not in the repository;
- two rows are bad: a cost written as currency ("$1,284.00") and a date written as M/D/YY.

Run it from anywhere: python3 examples/spend/generate.py
"""

import csv
import datetime as dt
import json
import os
import random
from decimal import Decimal, ROUND_HALF_EVEN

FIRST_DAY = dt.date(2026, 10, 25)
LAST_DAY = dt.date(2026, 11, 21)
RANDOM = random.Random(20261122)

COLUMNS = ["BillingAccountId", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd",
           "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ProviderName", "ServiceName",
           "ResourceId", "SkuId", "ConsumedQuantity", "ConsumedUnit", "ListCost", "BilledCost",
           "EffectiveCost", "Tags"]

ACCOUNTS = {"AWS": "123456789012", "Google Cloud": "01A2B3-C4D5E6-F7A8B9",
            "Anthropic": "org-acme-7f3k2q", "OpenAI": "org-acme-Q8ZtX4"}


def at(day, hour=0):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def money(x, places="0.000001"):
    d = Decimal(x).quantize(Decimal(places), rounding=ROUND_HALF_EVEN).normalize()
    return format(d, "f")


def noise(spread):
    """A factor in [1 - spread, 1 + spread], rounded so that amounts stay short."""
    return Decimal(str(round(1 + RANDOM.uniform(-spread, spread), 4)))


def tags(manifest=None, team=None, **more):
    t = {}
    if manifest:
        t["spendgate-manifest"] = manifest
    if team:
        t["team"] = team
    t.update(more)
    return json.dumps(t, separators=(",", ":"))


def row(day, provider, service, resource, sku, quantity, unit, list_cost, effective, tag_json,
        billed=None, start_hour=0, category="Usage"):
    start = at(day, start_hour)
    end = at(day + dt.timedelta(days=1))
    period_start = dt.date(day.year, day.month, 1)
    period_end = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return {
        "BillingAccountId": ACCOUNTS[provider], "BillingCurrency": "USD",
        "BillingPeriodStart": iso(at(period_start)), "BillingPeriodEnd": iso(at(period_end)),
        "ChargePeriodStart": iso(start), "ChargePeriodEnd": iso(end), "ChargeCategory": category,
        "ProviderName": provider, "ServiceName": service, "ResourceId": resource, "SkuId": sku,
        "ConsumedQuantity": str(quantity), "ConsumedUnit": unit, "ListCost": money(list_cost),
        "BilledCost": money(effective if billed is None else billed), "EffectiveCost": money(effective),
        "Tags": tag_json,
    }


def tokens(day, provider, service, sku_prefix, resource, price_in, price_out, cost, output_share,
           tag_json):
    """Two rows, input and output tokens, whose costs add up to about `cost`."""
    out_cost = cost * output_share
    in_cost = cost - out_cost
    in_tokens = int(in_cost / price_in * 1_000_000)
    out_tokens = int(out_cost / price_out * 1_000_000)
    rows = []
    for kind, n, price in (("input", in_tokens, price_in), ("output", out_tokens, price_out)):
        c = Decimal(n) * price / 1_000_000
        rows.append(row(day, provider, service, resource, sku_prefix + "-" + kind + "-tokens", n, "Tokens", c, c,
                        tag_json))
    return rows


def days(first=FIRST_DAY, last=LAST_DAY):
    d = first
    while d <= last:
        yield d
        d += dt.timedelta(days=1)


def generate():
    rows = []
    for day in days():
        # fraud-scorer: 2 x L40S on demand around the clock, and its load balancer
        gpu = Decimal("2") * 24 * Decimal("3.10") * noise(0.02)
        rows.append(row(day, "AWS", "Amazon Elastic Compute Cloud", "i-0f3a9c1e5b7d20481", "g6e.12xlarge-OnDemand",
                        48, "Hours", gpu, gpu, tags("fraud-scorer", "risk", environment="production")))
        lb = Decimal("16.20") * noise(0.05)
        rows.append(row(day, "AWS", "Elastic Load Balancing", "fraud-scorer-alb", "LoadBalancerUsage",
                        24, "Hours", lb, lb, tags("fraud-scorer", "risk", environment="production")))

        # support-assistant: claude-sonnet-4, about 70 a day; a retry storm on 2026-11-21
        cost = Decimal("400") if day == LAST_DAY else Decimal("70") * noise(0.03)
        rows.extend(tokens(day, "Anthropic", "Claude API", "claude-sonnet-4", "support-assistant",
                           Decimal("3"), Decimal("15"), cost, Decimal("0.45"),
                           tags("support-assistant", "support-ai", environment="production")))

        # ticket-summariser: gpt-4o-mini nightly summaries
        rows.extend(tokens(day, "OpenAI", "OpenAI API", "gpt-4o-mini", "ticket-summariser",
                           Decimal("0.15"), Decimal("0.60"), Decimal("1.20") * noise(0.1), Decimal("0.2"),
                           tags("ticket-summariser", "support-ai", environment="dev")))

        # search-reranker: 2 x L4 spot, up day and night in staging
        gpu = Decimal("2") * 24 * Decimal("0.31") * noise(0.03)
        rows.append(row(day, "Google Cloud", "Compute Engine", "gke-staging-reranker-l4", "L4-GPU-Spot",
                        48, "Hours", Decimal("2") * 24 * Decimal("0.71"), gpu,
                        tags("search-reranker", "search", environment="staging")))

        # embeddings-refresh: training on reserved A100s every Sunday, and its storage every day
        if day.weekday() == 6:
            gpu = Decimal("4") * 12 * Decimal("2.10")
            rows.append(row(day, "AWS", "Amazon Elastic Compute Cloud", "i-07c2d4e6f8a0b1c23",
                            "p4d.24xlarge-Reserved", 48, "Hours", Decimal("4") * 12 * Decimal("4.10"), gpu,
                            tags("embeddings-refresh", "search", environment="production"),
                            billed=Decimal("0")))
        rows.append(row(day, "AWS", "Amazon Simple Storage Service", "acme-embeddings-artifacts",
                        "TimedStorage-ByteHrs", "52.17", "GB-Month", Decimal("1.20"), Decimal("1.20"),
                        tags("embeddings-refresh", "search", environment="production")))

        # zombie-notebook: started 2026-11-01T09:00:00Z for 48 hours, never stopped
        if day >= dt.date(2026, 11, 1):
            hours = 15 if day == dt.date(2026, 11, 1) else 24
            gpu = Decimal(hours) * Decimal("0.30")
            rows.append(row(day, "Google Cloud", "Vertex AI Workbench", "zombie-notebook-l4", "L4-GPU-Spot",
                            hours, "Hours", Decimal(hours) * Decimal("0.71"), gpu,
                            tags("zombie-notebook", "platform-ml", environment="dev"),
                            start_hour=24 - hours if hours < 24 else 0))

        # contract-extractor: gemini-2.5-flash since 2026-11-10
        if day >= dt.date(2026, 11, 10):
            c = Decimal("6") * noise(0.1)
            rows.append(row(day, "Google Cloud", "Vertex AI", "contract-extractor", "gemini-2.5-flash-tokens",
                            int(c / Decimal("0.30") * 1_000_000), "Tokens", c, c,
                            tags("contract-extractor", "legal-ai", environment="staging")))

        # reasoning-eval: the o3 A/B evaluation, 2026-11-19 to 2026-11-21
        if day >= dt.date(2026, 11, 19):
            rows.extend(tokens(day, "OpenAI", "OpenAI API", "o3", "reasoning-eval", Decimal("2"), Decimal("8"),
                               Decimal("50") * noise(0.05), Decimal("0.5"),
                               tags("reasoning-eval", "search", environment="staging")))

        # unattributed: the shared GPU node pool (a team tag, no manifest), data transfer without tags,
        # and a batch scorer whose manifest is not in this repository
        pool = Decimal("18") * noise(0.05)
        rows.append(row(day, "Google Cloud", "Kubernetes Engine", "gke-shared-gpu-pool", "T4-GPU",
                        "57.6", "Hours", pool, pool, tags(team="platform-ml")))
        egress = Decimal("9") * noise(0.2)
        rows.append(row(day, "AWS", "AWS Data Transfer", "", "DataTransfer-Out-Bytes", "100", "GB", egress, egress,
                        "{}"))
        batch = Decimal("5.50") * noise(0.05)
        rows.append(row(day, "AWS", "Amazon SageMaker", "legacy-batch-scorer", "ml.g5.xlarge-Processing",
                        "4", "Hours", batch, batch, tags("legacy-batch-scorer", "risk", environment="production")))

        # the two bad rows: a cost written as currency, and a date written as M/D/YY
        if day == dt.date(2026, 11, 9):
            bad = row(day, "AWS", "AWS Support (Business)", "", "Support-Business", "1", "Month", 0, 0, "{}",
                      category="Purchase")
            bad.update(ListCost="$1,284.00", BilledCost="$1,284.00", EffectiveCost="$1,284.00")
            rows.append(bad)
        if day == dt.date(2026, 11, 14):
            bad = row(day, "Google Cloud", "Vertex AI", "contract-extractor", "gemini-2.5-flash-tokens",
                      "2000000", "Tokens", Decimal("0.60"), Decimal("0.60"),
                      tags("contract-extractor", "legal-ai", environment="staging"))
            bad.update(ChargePeriodStart="11/14/26", ChargePeriodEnd="11/15/26")
            rows.append(bad)
    return rows


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "focus-2026-11.csv")
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(generate())


if __name__ == "__main__":
    main()
