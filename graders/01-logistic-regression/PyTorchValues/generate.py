#!/usr/bin/python3
"""Writes pytorch-values.json: expected values for 01's graders from a second implementation.

The graders' own expectations come from TorchSharp (the same library the learner calls). These come from PyTorch on
the CPU in float64 (Debian: apt install python3-torch, which installs into /usr/bin/python3), and each one is checked here against a NumPy formula as well,
so a value in the file has two independent derivations. Inputs are drawn here and stored with the results: the
graders never need to reproduce Python's random numbers. Run it again only to change the cases; CI reads the
committed file and needs no Python.

    /usr/bin/python3 graders/01-logistic-regression/PyTorchValues/generate.py
"""
import json
import pathlib

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261203)


def as_list(t):
    return t.detach().numpy().tolist() if isinstance(t, torch.Tensor) else t.tolist()


def agree(a, b, what):
    # Ten times tighter than the graders' tolerance (relative 1e-9): two derivations that agree this well leave room
    # for a learner's third one.
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if not np.allclose(a, b, rtol=1e-10, atol=1e-15):
        raise SystemExit(f"PyTorch and NumPy disagree on {what}: {a} vs {b}")


def numpy_sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    low = z < 0
    out[low] = np.exp(z[low]) / (1 + np.exp(z[low]))
    out[~low] = 1 / (1 + np.exp(-z[~low]))
    return out


# "extreme" cases (logits far from 0, where only a numerically stable form survives) go to the hidden graders that
# test stability; the others to the public graders of ordinary inputs, so that each grader keeps what it is about.


def sigmoid_case():
    z = np.concatenate([[-1000.0, -709.0, -50.0, -1e-9, 0.0, 1e-9, 50.0, 709.0, 1000.0], rng.normal(0, 8, 15)])
    expected = torch.sigmoid(torch.tensor(z))
    agree(expected, numpy_sigmoid(z), "sigmoid")
    return {"z": z.tolist(), "sigmoid": as_list(expected)}


def binary_case(name, x, y, w, b, extreme=False):
    x, y = torch.tensor(x), torch.tensor(y)
    w, b = torch.tensor(w, requires_grad=True), torch.tensor(b, requires_grad=True)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(x @ w + b, y)
    loss.backward()
    # NumPy: softplus(z) − y·z is the cross-entropy of logits; its derivative in z is σ(z) − y.
    z = x.numpy() @ w.detach().numpy() + b.item()
    agree(loss.item(), np.mean(np.logaddexp(0, z) - y.numpy() * z), f"{name} loss")
    dz = (numpy_sigmoid(z) - y.numpy()) / len(z)
    agree(w.grad, x.numpy().T @ dz, f"{name} dL/dw")
    agree(b.grad.item(), dz.sum(), f"{name} dL/db")
    return {
        "name": name,
        "extreme": extreme,
        "x": as_list(x),
        "y": as_list(y),
        "w": as_list(w),
        "b": b.item(),
        "loss": loss.item(),
        "gradW": as_list(w.grad),
        "gradB": b.grad.item(),
    }


def binary_cases():
    cases = []
    for n, d, scale in [(1, 1, 1.0), (7, 3, 2.0), (40, 5, 4.0)]:
        x = rng.normal(0, scale, (n, d))
        y = (rng.random(n) < 0.5).astype(np.float64)
        cases.append(binary_case(f"n={n}, d={d}", x, y, rng.normal(0, 1, d), float(rng.normal())))
    # Logits between 30 and 60 in size, half of them on the wrong side: log(1 + e^z) must not be formed directly.
    x = rng.normal(0, 1, (6, 2)) + np.array([[20.0, 10.0]]) * np.sign(rng.normal(0, 1, (6, 1)))
    y = np.array([1.0, 0.0, 1.0, 0.0, 0.0, 1.0])
    cases.append(binary_case("logits of 30 to 60, some confidently wrong", x, y, np.array([1.5, 1.0]), 0.25, extreme=True))
    return cases


def numpy_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def softmax_rows():
    logits = np.vstack([rng.normal(0, 3, (4, 5)), [[700.0, 0.0, -700.0, 699.0, 1.0]], [[-900.0, -901.0, -899.0, -950.0, -905.0]]])
    expected = torch.softmax(torch.tensor(logits), dim=1)
    agree(expected, numpy_softmax(logits), "softmax")
    return {"logits": logits.tolist(), "softmax": as_list(expected)}


def softmax_case(name, x, labels, w, b, extreme=False):
    x, labels = torch.tensor(x), torch.tensor(labels, dtype=torch.int64)
    w, b = torch.tensor(w, requires_grad=True), torch.tensor(b, requires_grad=True)
    loss = torch.nn.functional.cross_entropy(x @ w + b, labels)
    loss.backward()
    logits = x.numpy() @ w.detach().numpy() + b.detach().numpy()
    p = numpy_softmax(logits)
    n = len(labels)
    rows = np.arange(n)
    log_sum = logits.max(axis=1) + np.log(np.exp(logits - logits.max(axis=1, keepdims=True)).sum(axis=1))
    agree(loss.item(), np.mean(log_sum - logits[rows, labels.numpy()]), f"{name} loss")
    dz = p.copy()
    dz[rows, labels.numpy()] -= 1
    dz /= n
    agree(w.grad, x.numpy().T @ dz, f"{name} dL/dW")
    agree(b.grad, dz.sum(axis=0), f"{name} dL/db")
    return {
        "name": name,
        "extreme": extreme,
        "x": as_list(x),
        "labels": labels.tolist(),
        "w": as_list(w),
        "b": as_list(b),
        "loss": loss.item(),
        "gradW": as_list(w.grad),
        "gradB": as_list(b.grad),
    }


def softmax_cases():
    cases = []
    for n, d, k in [(1, 2, 2), (9, 3, 4), (30, 6, 5)]:
        cases.append(
            softmax_case(
                f"n={n}, d={d}, K={k}",
                rng.normal(0, 2, (n, d)),
                rng.integers(0, k, n),
                rng.normal(0, 1, (d, k)),
                rng.normal(0, 1, k),
            )
        )
    # Rows of logits hundreds apart, each with its own maximum.
    x = np.eye(3)
    w = np.array([[300.0, 299.0, -5.0], [-400.0, -401.0, -399.5], [2.0, 0.0, 1.0]])
    cases.append(softmax_case("logits hundreds apart, row by row", x, np.array([1, 2, 0]), w, np.zeros(3), extreme=True))
    return cases


def training_case(name, x, y, rate, steps):
    xt, yt = torch.tensor(x), torch.tensor(y)
    w = torch.zeros(x.shape[1], requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    optimiser = torch.optim.SGD([w, b], lr=rate)
    for _ in range(steps):
        optimiser.zero_grad()
        torch.nn.functional.binary_cross_entropy_with_logits(xt @ w + b, yt).backward()
        optimiser.step()
    wn, bn = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        dz = (numpy_sigmoid(x @ wn + bn) - y) / len(y)
        wn, bn = wn - rate * (x.T @ dz), bn - rate * dz.sum()
    agree(w.detach(), wn, f"{name} w")
    agree(b.item(), bn, f"{name} b")
    return {"name": name, "x": x.tolist(), "y": y.tolist(), "rate": rate, "steps": steps, "w": as_list(w), "b": b.item()}


def training_cases():
    x = rng.normal(0, 1.5, (25, 3))
    y = (x @ np.array([1.0, -2.0, 0.5]) + rng.normal(0, 1, 25) > 0).astype(np.float64)
    return [training_case(f"{steps} step{'' if steps == 1 else 's'} of rate 0.4 from w = 0, b = 0 (n=25, d=3)", x, y, 0.4, steps) for steps in (1, 3, 25)]


binary, softmax = binary_cases(), softmax_cases()
# Public graders read pytorch-values.json. The cases only hidden graders use go to pytorch-values.hidden.json, which
# the student release leaves out (a *.hidden.* file in a grader folder is instructor-only).
files = {
    "pytorch-values.json": {
        "binary": [c for c in binary if not c["extreme"]],
        "softmax": [c for c in softmax if not c["extreme"]],
    },
    "pytorch-values.hidden.json": {
        "sigmoid": sigmoid_case(),
        "binary": [c for c in binary if c["extreme"]],
        "softmaxRows": softmax_rows(),
        "softmax": [c for c in softmax if c["extreme"]],
        "training": training_cases(),
    },
}
for name, cases in files.items():
    values = {"generator": "graders/01-logistic-regression/PyTorchValues/generate.py", "torch": torch.__version__, "numpy": np.__version__}
    values.update(cases)
    out = pathlib.Path(__file__).with_name(name)
    out.write_text(json.dumps(values, indent=1) + "\n")
    print(f"wrote {out}")
