#version 450
// Texture (sampled as sRGB, so in linear light) times opacity, with edges anti-aliased
// analytically (coverage from the distance to the border in pixels) so panels look clean
// without MSAA. The back face is a dark neutral: frames read from the front only.

layout(push_constant) uniform Push {
  mat4 clip_from_panel;
  vec2 size_m;
  float curve_radius_m;
  float opacity;
  uint segments;
} pc;

layout(set = 0, binding = 0) uniform sampler2D panel_texture;

layout(location = 0) in vec2 in_uv;
layout(location = 0) out vec4 out_color;

const vec3 kBackColor = vec3(0.012, 0.014, 0.018);

void main() {
  vec4 color = gl_FrontFacing ? texture(panel_texture, in_uv) : vec4(kBackColor, 1.0);
  const vec2 to_edge_px = min(in_uv, 1.0 - in_uv) / max(fwidth(in_uv), vec2(1e-6));
  const float coverage = clamp(min(to_edge_px.x, to_edge_px.y), 0.0, 1.0);
  out_color = vec4(color.rgb, color.a * pc.opacity * coverage);
}
