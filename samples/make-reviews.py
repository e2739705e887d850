#!/usr/bin/env python3
"""Writes samples/reviews.csv: SYNTHETIC product reviews for the demo shop (see samples/NOTICE).

Reviewers are customers of samples/online-retail-sample.csv.gz who bought the item; each review comes 3 to 20 days
after their first purchase of it. Each of the 40 items most customers bought gets a made-up quality, and ratings are
drawn around it; review text is picked from short phrases written for the demo (English, and Chinese for about one
review in five). Deterministic: python3 samples/make-reviews.py > samples/reviews.csv
"""
import csv, gzip, random, sys
from datetime import datetime, timedelta

rng = random.Random(17)
first = {}   # (customer, item) -> first purchase
title_of = {}
with gzip.open("samples/online-retail-sample.csv.gz", "rt", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        c, item, q = row["CustomerID"], row["StockCode"], int(row["Quantity"])
        if not c or q <= 0 or row["InvoiceNo"].startswith("C"):
            continue
        c = c.split(".")[0]
        ts = datetime.strptime(row["InvoiceDate"], "%Y-%m-%d %H:%M:%S")
        if (c, item) not in first or ts < first[(c, item)]:
            first[(c, item)] = ts
        title_of[item] = row["Description"].strip().lower()

buyers = {}
for (c, item), ts in first.items():
    buyers.setdefault(item, []).append((ts, c))
items = sorted(buyers, key=lambda i: (-len(buyers[i]), i))[:40]

GOOD_EN = ["Lovely {t}, exactly as pictured", "Great quality, would buy again", "Beautiful and well made",
           "Perfect gift, arrived quickly", "Really pretty, good value"]
MID_EN = ["It is fine for the price", "OK but smaller than I expected", "Nice colour, a bit flimsy"]
BAD_EN = ["Arrived broken, poor packaging", "Cheap plastic, looks nothing like the picture",
          "Much smaller than expected, poor quality", "Colour faded after a week, disappointed",
          "Broken on arrival and the paint was chipped"]
GOOD_ZH = ["质量很好，和图片一样", "很漂亮，送人很合适", "做工精致，会再买"]
MID_ZH = ["还可以，就是有点小", "一般般，价格还行"]
BAD_ZH = ["收到时已经破损，包装太差", "质量很差，和图片不一样", "比图片小很多，颜色也不对", "做工粗糙，很失望"]

rows = []
for k, item in enumerate(items):
    # every fifth item is a poor one; the others spread from middling to excellent
    quality = 1.8 if k % 5 == 2 else rng.uniform(3.4, 4.8)
    reviewers = sorted(buyers[item])[: max(6, len(buyers[item]) // 3)]
    for ts, c in reviewers:
        stars = max(1, min(5, round(rng.gauss(quality, 0.9))))
        chinese = rng.random() < 0.2
        if stars >= 4:
            body = rng.choice(GOOD_ZH if chinese else GOOD_EN)
        elif stars == 3:
            body = rng.choice(MID_ZH if chinese else MID_EN)
        else:
            body = rng.choice(BAD_ZH if chinese else BAD_EN)
        body = body.format(t=title_of[item])
        title = body.split(",")[0].split("，")[0]
        when = ts + timedelta(days=rng.randint(3, 20), hours=rng.randint(0, 9))
        if when > datetime(2011, 12, 9, 12):
            when = datetime(2011, 12, 9, 12)
        rows.append((when, c, item, stars, title, "" if rng.random() < 0.1 else body))

rows.sort()
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["user_id", "item_id", "rating", "title", "body", "created_at"])
for when, c, item, stars, title, body in rows:
    out.writerow([c, item, stars, title, body, when.strftime("%Y-%m-%d %H:%M:%S")])
