#version 450
// A full-screen triangle. For each corner it passes two homogeneous world points on the pixel's
// ray (at NDC depth 0 and 0.5); interpolated without perspective they stay exact, and the
// fragment stage divides. This works for any projection the view hands over (off-axis XR ones).

layout(push_constant) uniform Push {
  mat4 world_from_clip;
  vec4 zenith_floor_y;          // rgb: linear sky color straight up; a: floor height (m)
  vec4 horizon_fade_m;          // rgb: linear sky color at the horizon; a: grid fade distance (m)
  vec4 ground_grid_intensity;   // rgb: linear floor color; a: grid line strength
  vec4 grid_color;              // rgb: linear grid line color
} pc;

layout(location = 0) noperspective out vec4 out_near_h;
layout(location = 1) noperspective out vec4 out_mid_h;

void main() {
  const vec2 ndc = vec2(float((gl_VertexIndex << 1) & 2), float(gl_VertexIndex & 2)) * 2.0 - 1.0;
  out_near_h = pc.world_from_clip * vec4(ndc, 0.0, 1.0);
  out_mid_h = pc.world_from_clip * vec4(ndc, 0.5, 1.0);
  gl_Position = vec4(ndc, 1.0, 1.0);
}
