#!/usr/bin/env python3
"""Trains the digits classifier of model.py in PyTorch on the handwritten digits that scikit-learn ships
(no download), and writes, in OUTDIR:

    digits_model.pt   the trained parameters (torch.save of the state_dict), for codegen/export_torch.py
    digits_test.txt   the test set: per line the label, PyTorch's prediction, then the 64 pixels in [0, 1]

    /usr/bin/python3 train.py OUTDIR
"""

import os
import sys

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

torch.manual_seed(0)  # before model.py initialises the parameters, so that every run trains the same network
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import model  # noqa: E402


def main(outdir):
    torch.set_num_threads(1)
    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target)
    x_train = torch.tensor(x_train, dtype=torch.float32)
    x_test = torch.tensor(x_test, dtype=torch.float32)
    y_train = torch.tensor(y_train)

    optimiser = torch.optim.Adam(model.parameters(), lr=0.01)
    loss = nn.CrossEntropyLoss()
    model.train()
    for epoch in range(40):
        order = torch.randperm(len(x_train))
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            optimiser.zero_grad()
            loss(model(x_train[batch]), y_train[batch]).backward()
            optimiser.step()

    model.eval()
    with torch.no_grad():
        predictions = model(x_test).argmax(dim=1)
    accuracy = (predictions.numpy() == y_test).mean()
    print(f"PyTorch: trained on {len(x_train)} digits, accuracy on the {len(x_test)} test digits {accuracy:.2%}")

    os.makedirs(outdir, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(outdir, "digits_model.pt"))
    with open(os.path.join(outdir, "digits_test.txt"), "w") as f:
        for label, predicted, pixels in zip(y_test, predictions.tolist(), x_test.tolist()):
            # Pixels are k/16, exact in decimal.
            f.write(f"{label} {predicted} " + " ".join(repr(p) for p in pixels) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
