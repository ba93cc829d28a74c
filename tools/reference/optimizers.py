#!/usr/bin/env python3
"""Reference trajectories of torch.optim for tests/Recurrent.Tests/Optimizers/OptimizerFixtureTests.cs.

Each case runs one torch.optim optimizer for STEPS steps on a fixed parameter vector in float64, with gradients
from a fixed quadratic  L(θ) = ½ Σ aᵢ (θᵢ − cᵢ)²  evaluated by autograd at the current θ. The fixture stores
the gradient of every step and the parameters after it, so the C# test replays the same gradients and compares
trajectories without re-deriving the loss.

Option names are written as the C# options records spell them (LearningRate, Momentum, ...).
Run by hand:  python3 tools/reference/optimizers.py > tests/Recurrent.Tests/Fixtures/optimizers.json
"""
import json
import math

import torch

STEPS = 6
N = 11  # odd and longer than one SIMD vector of doubles, so the C# kernels exercise body and tail

CASES = [
    ("sgd", "Sgd", dict(LearningRate=0.1)),
    ("sgd_momentum", "Sgd", dict(LearningRate=0.1, Momentum=0.9)),
    ("sgd_momentum_dampening", "Sgd", dict(LearningRate=0.1, Momentum=0.9, Dampening=0.3)),
    ("sgd_nesterov", "Sgd", dict(LearningRate=0.1, Momentum=0.9, Nesterov=True)),
    ("sgd_momentum_weight_decay", "Sgd", dict(LearningRate=0.05, Momentum=0.8, WeightDecay=0.1)),
    ("adagrad", "Adagrad", dict(LearningRate=0.1)),
    ("adagrad_decay_accumulator", "Adagrad",
     dict(LearningRate=0.1, LearningRateDecay=0.05, WeightDecay=0.1, InitialAccumulator=0.2, Epsilon=1e-10)),
    ("rmsprop", "RmsProp", dict(LearningRate=0.01)),
    ("rmsprop_momentum", "RmsProp", dict(LearningRate=0.01, Alpha=0.9, Momentum=0.5)),
    ("rmsprop_centered", "RmsProp", dict(LearningRate=0.01, Alpha=0.9, Centered=True)),
    ("rmsprop_centered_momentum_weight_decay", "RmsProp",
     dict(LearningRate=0.01, Alpha=0.95, Epsilon=1e-6, WeightDecay=0.1, Momentum=0.9, Centered=True)),
    ("adam", "Adam", dict(LearningRate=0.05)),
    ("adam_betas", "Adam", dict(LearningRate=0.05, Beta1=0.5, Beta2=0.9, Epsilon=1e-6)),
    ("adam_weight_decay", "Adam", dict(LearningRate=0.05, WeightDecay=0.1)),
    ("adamw", "AdamW", dict(LearningRate=0.05)),
    ("adamw_weight_decay", "AdamW", dict(LearningRate=0.05, Beta1=0.8, Beta2=0.99, WeightDecay=0.5)),
]


def make_optimizer(kind, params, o):
    if kind == "Sgd":
        return torch.optim.SGD(params, lr=o["LearningRate"], momentum=o.get("Momentum", 0),
                               dampening=o.get("Dampening", 0), nesterov=o.get("Nesterov", False),
                               weight_decay=o.get("WeightDecay", 0))
    if kind == "Adagrad":
        return torch.optim.Adagrad(params, lr=o["LearningRate"], lr_decay=o.get("LearningRateDecay", 0),
                                   weight_decay=o.get("WeightDecay", 0),
                                   initial_accumulator_value=o.get("InitialAccumulator", 0),
                                   eps=o.get("Epsilon", 1e-10))
    if kind == "RmsProp":
        return torch.optim.RMSprop(params, lr=o["LearningRate"], alpha=o.get("Alpha", 0.99),
                                   eps=o.get("Epsilon", 1e-8), weight_decay=o.get("WeightDecay", 0),
                                   momentum=o.get("Momentum", 0), centered=o.get("Centered", False))
    if kind == "Adam":
        return torch.optim.Adam(params, lr=o["LearningRate"], betas=(o.get("Beta1", 0.9), o.get("Beta2", 0.999)),
                                eps=o.get("Epsilon", 1e-8), weight_decay=o.get("WeightDecay", 0))
    if kind == "AdamW":
        return torch.optim.AdamW(params, lr=o["LearningRate"], betas=(o.get("Beta1", 0.9), o.get("Beta2", 0.999)),
                                 eps=o.get("Epsilon", 1e-8), weight_decay=o.get("WeightDecay", 0.01))
    raise ValueError(kind)


def run(kind, options):
    i = torch.arange(N, dtype=torch.float64)
    theta = (2.0 * torch.sin(1.3 * i + 0.4)).clone().requires_grad_(True)  # initial parameters, mixed signs
    a = 0.5 + 0.75 * (i % 4)                                               # curvatures 0.5 … 2.75
    c = torch.cos(0.7 * i) - 0.25                                          # minimiser
    initial = theta.detach().tolist()
    opt = make_optimizer(kind, [theta], options)
    gradients, trajectory = [], []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = 0.5 * (a * (theta - c) ** 2).sum()
        loss.backward()
        gradients.append(theta.grad.detach().tolist())
        opt.step()
        trajectory.append(theta.detach().tolist())
    return initial, gradients, trajectory


def main():
    torch.set_default_dtype(torch.float64)
    cases = []
    for name, kind, options in CASES:
        initial, gradients, trajectory = run(kind, options)
        assert all(math.isfinite(x) for row in trajectory for x in row)
        cases.append(dict(name=name, optimizer=kind, options=options, initial=initial,
                          gradients=gradients, trajectory=trajectory))
    fixture = dict(
        source="tools/reference/optimizers.py",
        torch_version=torch.__version__,
        dtype="float64",
        description="theta after each step of torch.optim on L = 0.5*sum(a*(theta-c)^2); "
                    "gradients[k] is the gradient fed to step k, trajectory[k] the parameters after it",
        cases=cases,
    )
    print(json.dumps(fixture, indent=1))


if __name__ == "__main__":
    main()
