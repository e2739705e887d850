#!/usr/bin/env python3
"""Writes samples/catalog.csv: a catalogue with SYNTHETIC categories for the items of the demo shop (see samples/NOTICE).

The UCI Online Retail export has no category column. Each product of samples/online-retail-sample.csv.gz (its last
description and price in the sample) gets the first category whose keywords its description contains, in the order
listed below; a description matching none is "other". Postage, fees and other non-products are left out (the orders
upload already lists them). Deterministic: python3 samples/make-catalog.py > samples/catalog.csv
"""
import csv, gzip, re, sys

CATEGORIES = [  # (category, keywords): first match wins, so the more specific come first
    ("christmas", ["CHRISTMAS", "XMAS", "ADVENT", "SANTA", "REINDEER", "SNOWFLAKE", "BAUBLE"]),
    ("bags", ["BAG", "SHOPPER", "TOTE", "PURSE"]),
    ("candles-and-lights", ["CANDLE", "T-LIGHT", "TEA LIGHT", "LANTERN", "LIGHTS", "LAMP", "NIGHT LIGHT", "HOLDER"]),
    ("kitchen-and-dining", ["MUG", "CUP", "SAUCER", "PLATE", "BOWL", "TEAPOT", "TEA ", "CAKE", "BAKING", "JUG",
                            "LUNCH BOX", "TIN", "JAR", "NAPKIN", "CUTLERY", "SPOON", "TRAY", "APRON", "OVEN GLOVE",
                            "BOTTLE", "COASTER", "PANTRY", "KITCHEN", "GLASS"]),
    ("cards-wrap-and-party", ["CARD", "WRAP", "PAPER", "RIBBON", "PARTY", "BUNTING", "BALLOON", "GIFT TAG", "TISSUE",
                              "STICKER", "CONFETTI"]),
    ("stationery", ["PEN", "PENCIL", "NOTEBOOK", "NOTE BOOK", "ERASER", "RULER", "CALENDAR", "DIARY", "JOURNAL"]),
    ("toys-and-games", ["TOY", "GAME", "DOLL", "PUZZLE", "JIGSAW", "SPACEBOY", "DOLLY", "TEDDY", "SKITTLES",
                        "DOMINO", "PLAYHOUSE"]),
    ("garden", ["GARDEN", "PLANT", "FLOWER POT", "WATERING", "BIRD", "HERB", "SEED"]),
    ("home-decor", ["SIGN", "FRAME", "CLOCK", "MIRROR", "CUSHION", "HANGING", "HEART", "DOORMAT", "WALL", "ORNAMENT",
                    "DECORATION", "HOOK", "DOORSTOP", "VASE", "BOX", "STORAGE", "DRAWER", "BLANKET", "THROW"]),
    ("jewellery-and-accessories", ["NECKLACE", "BRACELET", "EARRING", "RING", "HAIR", "BROOCH", "UMBRELLA",
                                   "SCARF", "GLOVES", "WALLET"]),
]
NON_PRODUCT = re.compile(r"^(POST|DOT|M|D|C2|S|B|CRUK|PADS|BANK CHARGES|AMAZONFEE|gift_.*)$", re.IGNORECASE)


def category_of(description):
    text = " " + description.upper() + " "
    for category, keywords in CATEGORIES:
        if any(keyword in text for keyword in keywords):
            return category
    return "other"


items = {}  # stock code -> (description, price), the last seen
with gzip.open("samples/online-retail-sample.csv.gz", "rt", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        code, description = row["StockCode"].strip(), row["Description"].strip()
        if not code or not description or NON_PRODUCT.match(code) or float(row["UnitPrice"]) <= 0:
            continue
        items[code] = (description, row["UnitPrice"].strip())

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["item_id", "title", "category", "price", "in_stock"])
for code in sorted(items):
    description, price = items[code]
    out.writerow([code, description, category_of(description), price, "true"])
