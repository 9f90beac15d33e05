#version 450
// A pointer ray as a quad of two triangles from gl_VertexIndex (no buffers): from -> to,
// widened along `side` (chosen on the CPU to face the view). The half width grows with
// distance so the ray stays at least about 1.5 pixels wide: a thin ray far away would
// otherwise fall between pixels and flicker.

layout(push_constant) uniform Push {
  mat4 clip_from_world;
  vec4 from_world_half_width;   // xyz, half width in meters
  vec4 to_world_min_half_per_m; // xyz, minimum half width per meter of view depth
  vec4 side_world;              // xyz: unit vector across the ray
  vec4 color;                   // linear, straight alpha
} pc;

const vec2 kCorners[6] = vec2[](vec2(0, -1), vec2(1, -1), vec2(1, 1), vec2(0, -1), vec2(1, 1), vec2(0, 1));

void main() {
  const vec2 corner = kCorners[gl_VertexIndex];
  const vec3 center = mix(pc.from_world_half_width.xyz, pc.to_world_min_half_per_m.xyz, corner.x);
  // Clip w is the view depth (perspective projection).
  const float depth = max((pc.clip_from_world * vec4(center, 1.0)).w, 0.0);
  const float half_width = max(pc.from_world_half_width.w, pc.to_world_min_half_per_m.w * depth);
  gl_Position = pc.clip_from_world * vec4(center + corner.y * half_width * pc.side_world.xyz, 1.0);
}
