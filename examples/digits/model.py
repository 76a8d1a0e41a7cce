"""The digits classifier's architecture: 8x8 images in, one logit per digit out."""

from torch import nn

model = nn.Sequential(
    nn.Linear(64, 32), nn.ReLU(), nn.Dropout(0.1),
    nn.Linear(32, 16), nn.ReLU(),
    nn.Linear(16, 10),
)
