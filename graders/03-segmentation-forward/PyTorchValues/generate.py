#!/usr/bin/python3
"""Writes pytorch-forward.json: the logits of the U-Net that SegmentationNet.cs describes, computed by PyTorch.

The golden grader compares the learner's forward with a reference wired by the kit in TorchSharp, the library the
learner calls. This file is a second opinion from a second implementation: the same architecture written again in
PyTorch (Debian: apt install python3-torch, which installs into /usr/bin/python3), fixed weights and BatchNorm
statistics, one input, and its logits in eval mode (running statistics, which the weights set apart from 0 and 1).
The weights are stored under TorchSharp's parameter names, so the grader can load them into the learner's network.
Run it again only to change the case; CI reads the committed file and needs no Python.

    /usr/bin/python3 graders/03-segmentation-forward/PyTorchValues/generate.py
"""
import json
import pathlib

import torch
from torch import nn

IN_CHANNELS, CLASSES, WIDTH = 3, 2, 4


class UNet(nn.Module):
    def __init__(self, c_in, classes, w):
        super().__init__()

        def conv(a, b):
            return nn.Conv2d(a, b, kernel_size=3, padding=1)

        self.conv1a, self.bn1a = conv(c_in, w), nn.BatchNorm2d(w)
        self.conv1b, self.bn1b = conv(w, w), nn.BatchNorm2d(w)
        self.conv2a, self.bn2a = conv(w, 2 * w), nn.BatchNorm2d(2 * w)
        self.conv2b, self.bn2b = conv(2 * w, 2 * w), nn.BatchNorm2d(2 * w)
        self.conv3, self.bn3 = conv(2 * w, 4 * w), nn.BatchNorm2d(4 * w)
        self.dec2, self.bnDec2 = conv(6 * w, 2 * w), nn.BatchNorm2d(2 * w)
        self.dec1, self.bnDec1 = conv(3 * w, w), nn.BatchNorm2d(w)
        self.head = nn.Conv2d(w, classes, kernel_size=1)

    def forward(self, x):
        def block(conv, norm, t):
            return torch.relu(norm(conv(t)))

        level1 = block(self.conv1b, self.bn1b, block(self.conv1a, self.bn1a, x))
        level2 = block(self.conv2b, self.bn2b, block(self.conv2a, self.bn2a, nn.functional.max_pool2d(level1, 2)))
        bottom = block(self.conv3, self.bn3, nn.functional.max_pool2d(level2, 2))
        up = nn.functional.interpolate
        dec2 = block(self.dec2, self.bnDec2, torch.cat([up(bottom, scale_factor=2, mode="nearest"), level2], dim=1))
        dec1 = block(self.dec1, self.bnDec1, torch.cat([up(dec2, scale_factor=2, mode="nearest"), level1], dim=1))
        return self.head(dec1)


generator = torch.Generator().manual_seed(20261203)
net = UNet(IN_CHANNELS, CLASSES, WIDTH)
with torch.no_grad():
    for name, tensor in net.state_dict().items():
        if name.endswith("num_batches_tracked"):
            continue
        if name.endswith("running_var"):
            tensor.copy_(torch.rand(tensor.shape, generator=generator) + 0.5)
        elif name.startswith("bn") and name.endswith(".weight"):
            tensor.copy_(1 + 0.3 * torch.randn(tensor.shape, generator=generator))
        else:
            tensor.copy_(0.3 * torch.randn(tensor.shape, generator=generator))
weights = {name: tensor.flatten().tolist() for name, tensor in net.state_dict().items() if not name.endswith("num_batches_tracked")}
x = torch.randn(2, IN_CHANNELS, 8, 12, generator=generator)

with torch.no_grad():
    net.eval()
    logits = net(x)

values = {
    "generator": "graders/03-segmentation-forward/PyTorchValues/generate.py",
    "torch": torch.__version__,
    "inChannels": IN_CHANNELS,
    "classes": CLASSES,
    "width": WIDTH,
    "weights": weights,
    "inputShape": list(x.shape),
    "input": x.flatten().tolist(),
    "logits": logits.flatten().tolist(),
}
out = pathlib.Path(__file__).with_name("pytorch-forward.json")
out.write_text(json.dumps(values) + "\n")
print(f"wrote {out}")
