#version 450
// A panel that the XR compositor shows from a quad layer beneath this image: its front face
// erases color and alpha to 0 (premultiplied: the layer below shows through), with the same
// anti-aliased edge coverage as panel.frag. Back faces are culled: a quad layer has none.

layout(location = 0) in vec2 in_uv;
layout(location = 0) out vec4 out_color;

void main() {
  const vec2 to_edge_px = min(in_uv, 1.0 - in_uv) / max(fwidth(in_uv), vec2(1e-6));
  const float coverage = clamp(min(to_edge_px.x, to_edge_px.y), 0.0, 1.0);
  out_color = vec4(0.0, 0.0, 0.0, coverage);
}
