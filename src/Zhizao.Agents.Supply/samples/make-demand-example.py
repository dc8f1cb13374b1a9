#!/usr/bin/env python3
"""Writes demand.example.csv: 3 items x 120 days from 2026-01-01, deterministic (no random module).

  bearing-6204  smooth: 80 a day x weekday shape (Mon..Sun 1.25 1.3 1.2 1.15 1.25 0.5 0.35) x (1 + 0.15 noise), whole pieces
  coolant       trending: (40 + 0.1 d) litres x weekday shape x (1 + 0.1 noise), one decimal
  bearing-7014  intermittent spare: 1-3 pieces on about 15 % of days, otherwise no row (the reader fills zeros)

noise is uniform in [-1, 1) from the 32-bit LCG x <- (1664525 x + 1013904223) mod 2^32, seed 2026.
Run: python3 make-demand-example.py > demand.example.csv
"""
import datetime

state = 2026


def uniform():
    global state
    state = (1664525 * state + 1013904223) % 2**32
    return state / 2**32


shape = [1.25, 1.3, 1.2, 1.15, 1.25, 0.5, 0.35]
start = datetime.date(2026, 1, 1)
print("item,date,quantity")
for d in range(120):
    day = start + datetime.timedelta(days=d)
    w = shape[day.weekday()]
    print(f"bearing-6204,{day},{round(80 * w * (1 + 0.15 * (2 * uniform() - 1)))}")
    print(f"coolant,{day},{(40 + 0.1 * d) * w * (1 + 0.1 * (2 * uniform() - 1)):.1f}")
    if uniform() < 0.15:
        print(f"bearing-7014,{day},{1 + int(3 * uniform())}")
