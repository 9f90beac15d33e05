#version 450
// A pointer ray: one flat color, blended.

layout(push_constant) uniform Push {
  mat4 clip_from_world;
  vec4 from_world_half_width;
  vec4 to_world_min_half_per_m;
  vec4 side_world;
  vec4 color;
} pc;

layout(location = 0) out vec4 out_color;

void main() { out_color = pc.color; }
