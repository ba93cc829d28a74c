"""Writes strokes.csv: 2-D pen strokes (x, y per step) of three shapes, one row per step.

Deterministic (seeded); run from this folder: python3 make-strokes.py
A circle turns at a steady rate, a zigzag goes back and forth along a line, a line drifts straight on;
each stroke has its own size, start, direction, speed and noise, and 12-24 steps.
"""
import math
import random

rng = random.Random(7)
counts = {"circle": 110, "zigzag": 70, "line": 60}  # unbalanced: the majority class is 46%
rows = ["id,x,y,shape"]
sequence = 0
strokes = [shape for shape, n in counts.items() for _ in range(n)]
rng.shuffle(strokes)
for shape in strokes:
    sequence += 1
    steps = rng.randint(12, 24)
    scale = rng.uniform(0.5, 2.0)
    x0, y0 = rng.uniform(-3, 3), rng.uniform(-3, 3)
    angle = rng.uniform(0, 2 * math.pi)
    speed = rng.uniform(0.25, 0.6)
    noise = 0.08 * scale
    for t in range(steps):
        if shape == "circle":
            a = angle + speed * t
            x, y = x0 + scale * math.cos(a), y0 + scale * math.sin(a)
        elif shape == "zigzag":
            s = scale * (1 if (t // 2) % 2 == 0 else -1) * 0.7
            x, y = x0 + s * math.cos(angle), y0 + s * math.sin(angle)
        else:
            d = scale * speed * t
            x, y = x0 + d * math.cos(angle), y0 + d * math.sin(angle)
        x += rng.gauss(0, noise)
        y += rng.gauss(0, noise)
        rows.append(f"s{sequence:03d},{x:.3f},{y:.3f},{shape}")
with open("strokes.csv", "w", newline="\n") as f:
    f.write("\n".join(rows) + "\n")
