"""Writes the TorchScript fixtures for torchscript_model_test into OUT_DIR:
drifting_color_field.pt (the example of docs/model-contract.md, which must pass the contract
check) and broken variants that the loader must refuse, each for one named reason.

    /usr/bin/python3 tests/model/make_fixture_model.py OUT_DIR
"""
import os
import sys
from typing import List, Optional, Tuple

import torch
from torch import Tensor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from drifting_color_field import DriftingColorField  # noqa: E402


class MissingStep(DriftingColorField):
    # Not exported, so the scripted module has no step method.
    def step(self, state: List[Tensor], prompt: Tensor, action: Tensor,
             noise: Tensor) -> Tuple[List[Tensor], Tensor]:
        raise NotImplementedError


class WrongReturnType(DriftingColorField):
    @torch.jit.export
    def step(self, state: List[Tensor], prompt: Tensor, action: Tensor, noise: Tensor) -> Tensor:
        return self.render(state[0])


class WrongFrameShape(DriftingColorField):
    def render(self, hidden: Tensor) -> Tensor:
        return torch.sigmoid(self.to_rgb(hidden))  # 8x8, not the declared 32x32


class BadInfo(DriftingColorField):
    def __init__(self):
        super().__init__()
        self.context_frames = 0


class NoFps(DriftingColorField):
    def __init__(self):
        super().__init__()
        del self.fps


def main() -> None:
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for file_name, cls in [("drifting_color_field.pt", DriftingColorField),
                           ("missing_step.pt", MissingStep),
                           ("wrong_return_type.pt", WrongReturnType),
                           ("wrong_frame_shape.pt", WrongFrameShape),
                           ("bad_info.pt", BadInfo),
                           ("no_fps.pt", NoFps)]:
        torch.manual_seed(0)  # the same weights on every build
        torch.jit.script(cls()).save(os.path.join(out_dir, file_name))


if __name__ == "__main__":
    main()
