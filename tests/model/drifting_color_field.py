import torch
import torch.nn.functional as F
from torch import Tensor, nn
from typing import List, Optional, Tuple


class DriftingColorField(nn.Module):
    """A pixel-space world: a GRU cell per cell of a coarse 8x8 field that drifts sideways,
    steered by a bag-of-words prompt, an action (drift speed, brightness) and the engine's noise."""

    def __init__(self):
        super().__init__()
        # The contract's info: plain attributes, read once when the model loads.
        self.name = "drifting-color-field"
        self.width = 32
        self.height = 32
        self.fps = 12.0
        self.context_frames = 1
        self.action_dim = 2
        self.supports_batching = True
        self.accepts_start_image = True
        self.init_noise_shape = [8, 8, 8]  # the field's initial hidden state
        self.step_noise_shape = [2, 8, 8]  # per-step turbulence
        self.vocab = {"red": 0, "green": 1, "blue": 2, "dark": 3, "bright": 4,
                      "calm": 5, "storm": 6, "field": 7, "turns": 8, "the": 9}
        self.prompt_proj = nn.Linear(10, 4)
        self.cell = nn.GRUCell(4 + 2 + 2, 8)
        self.from_image = nn.Conv2d(3, 8, 1)
        self.to_rgb = nn.Conv2d(8, 3, 1)

    @torch.jit.export
    def encode_prompt(self, text: str) -> Tuple[Tensor, List[str]]:
        bag = torch.zeros(1, 10)
        unknown: List[str] = []
        for word in text.replace(".", " ").replace(",", " ").split():
            key = word.lower()
            if key in self.vocab:
                bag[0, self.vocab[key]] += 1.0
            else:
                unknown.append(word)  # as written
        return bag, unknown

    @torch.jit.export
    def init(self, prompt: Tensor, noise: Tensor,
             start_image: Optional[Tensor]) -> Tuple[List[Tensor], Tensor]:
        hidden = torch.tanh(0.5 * noise)
        if start_image is not None:
            hidden = torch.tanh(self.from_image(F.avg_pool2d(start_image, 4)))
            return [hidden], start_image
        return [hidden], self.render(hidden)

    @torch.jit.export
    def step(self, state: List[Tensor], prompt: Tensor, action: Tensor,
             noise: Tensor) -> Tuple[List[Tensor], Tensor]:
        hidden = torch.roll(state[0], shifts=1, dims=3)  # the drift
        b, c, h, w = hidden.shape
        steer = torch.tanh(self.prompt_proj(prompt))[:, :, None, None].expand(b, 4, h, w)
        act = action[:, :, None, None].expand(b, 2, h, w)
        x = torch.cat([steer, 0.3 * noise, act], dim=1)
        cells = self.cell(x.permute(0, 2, 3, 1).reshape(b * h * w, 8),
                          hidden.permute(0, 2, 3, 1).reshape(b * h * w, c))
        hidden = cells.reshape(b, h, w, c).permute(0, 3, 1, 2).contiguous()
        return [hidden], self.render(hidden)

    def render(self, hidden: Tensor) -> Tensor:
        rgb = torch.sigmoid(2.0 * self.to_rgb(hidden))
        return F.interpolate(rgb, size=[self.height, self.width], mode="bilinear", align_corners=False)
