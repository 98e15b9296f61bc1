"""Writes the small TorchScript backbones the tests import (no download at test time).

Run with Debian's python3-torch (1.13 here): /usr/bin/python3 tiny_backbone.py
Traced modules from 1.13 load in DJL 0.35.1 / libtorch 2.7.1. Weights are fixed by the seed,
so running the script again writes the same networks.

tiny_backbone.pt         1-channel images of any size -> feature map (B, 16, H/2, W/2); two
                         convs with batch norm, scripted (so training and inference modes differ)
tiny_vector_backbone.pt  1-channel 28x28 images only -> vectors (B, 32); a flatten + linear
                         fixes the size, so 32x32 images are refused at set-up
tiny_sequence_backbone.pt 1-channel images -> (B, 8, H*W): neither a vector nor a feature map
"""
import os

import torch
from torch import nn


class FeatureMap(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(16)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(x)))


class Vectors(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, stride=7, padding=1)
        self.fc = nn.Linear(4 * 4 * 4, 32)

    def forward(self, x):
        x = torch.relu(self.conv(x))
        return self.fc(x.flatten(1))


class Sequence(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)

    def forward(self, x):
        return self.conv(x).flatten(2)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(0)
    example = torch.rand(2, 1, 28, 28)
    # Scripted, not traced: a traced module fixes its batch norms in the mode it was traced in,
    # a scripted one switches between batch statistics (training) and running ones (inference).
    scripted = torch.jit.script(FeatureMap())
    scripted.save(os.path.join(here, "tiny_backbone.pt"))
    print("tiny_backbone.pt", tuple(scripted.eval()(example).shape))
    for name, net in [("tiny_vector_backbone.pt", Vectors()),
                      ("tiny_sequence_backbone.pt", Sequence())]:
        traced = torch.jit.trace(net.eval(), example)
        traced.save(os.path.join(here, name))
        print(name, tuple(traced(example).shape))


if __name__ == "__main__":
    main()
