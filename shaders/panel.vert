#version 450
// A panel as `segments` columns of two triangles, generated from gl_VertexIndex (no buffers).
// Flat: x = (u - 0.5) * width. Curved: the same arc length wrapped on a cylinder of radius R
// about the panel's Y axis, edges bending toward the viewer (+Z).

layout(push_constant) uniform Push {
  mat4 clip_from_panel;
  vec2 size_m;
  float curve_radius_m;
  float opacity;
  uint segments;
} pc;

layout(location = 0) out vec2 out_uv;

const vec2 kCorners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1), vec2(0, 1));

void main() {
  const uint column = uint(gl_VertexIndex) / 6u;
  const vec2 corner = kCorners[uint(gl_VertexIndex) % 6u];
  const float u = (float(column) + corner.x) / float(pc.segments);
  const float x_flat = (u - 0.5) * pc.size_m.x;
  vec3 p = vec3(x_flat, (corner.y - 0.5) * pc.size_m.y, 0.0);
  if (pc.curve_radius_m > 0.0) {
    const float angle = x_flat / pc.curve_radius_m;
    p.x = pc.curve_radius_m * sin(angle);
    p.z = pc.curve_radius_m * (1.0 - cos(angle));
  }
  out_uv = vec2(u, 1.0 - corner.y);  // frame row 0 is the top
  gl_Position = pc.clip_from_panel * vec4(p, 1.0);
}
