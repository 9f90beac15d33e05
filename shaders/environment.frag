#version 450
// The space around the panels: a calm blue-grey sky darkening upward, a faint horizon line, and
// a floor with anti-aliased grid lines every 1 m (stronger every 5 m) that fade with distance
// and into the horizon haze. Writes the floor's depth so panels meet the floor correctly.
#include "noise.glsl"

layout(push_constant) uniform Push {
  mat4 world_from_clip;
  vec4 zenith_floor_y;
  vec4 horizon_fade_m;
  vec4 ground_grid_intensity;
  vec4 grid_color;
} pc;

layout(location = 0) noperspective in vec4 in_near_h;
layout(location = 1) noperspective in vec4 in_mid_h;
layout(location = 0) out vec4 out_color;

// Coverage of grid lines `spacing` meters apart, about `width_px` pixels wide.
float grid_lines(vec2 p, float spacing, float width_px) {
  const vec2 q = p / spacing;
  const vec2 px = abs(fract(q + 0.5) - 0.5) / max(fwidth(q), vec2(1e-6));
  return 1.0 - smoothstep(width_px * 0.5 - 0.5, width_px * 0.5 + 0.5, min(px.x, px.y));
}

void main() {
  const vec3 near = in_near_h.xyz / in_near_h.w;
  const vec3 dir = normalize(in_mid_h.xyz / in_mid_h.w - near);
  const vec3 zenith = pc.zenith_floor_y.rgb;
  const vec3 horizon = pc.horizon_fade_m.rgb;
  const float floor_y = pc.zenith_floor_y.a;
  const float fade_m = pc.horizon_fade_m.a;

  // Sky: horizon color near the horizon, toward the zenith color above, a thin brighter line.
  const float up = dir.y;
  vec3 color = mix(horizon, zenith, sqrt(clamp(up, 0.0, 1.0)));
  const float horizon_line = 1.0 - smoothstep(0.0, 1.5 * fwidth(up) + 1e-6, abs(up));
  color += horizon * 0.35 * horizon_line;
  float depth = 1.0;

  // Floor: the ray's NDC depth is 0.5*s at homogeneous point near_h + s*(mid_h - near_h).
  const vec4 step_h = in_mid_h - in_near_h;
  const float denom = step_h.y - floor_y * step_h.w;
  const float s = (floor_y * in_near_h.w - in_near_h.y) / (abs(denom) > 1e-12 ? denom : 1e-12);
  if (near.y > floor_y && up < 0.0 && s > 0.0 && 0.5 * s < 1.0) {
    const vec4 hit_h = in_near_h + s * step_h;
    const vec3 hit = hit_h.xyz / hit_h.w;
    const float distance_m = length(hit.xz - near.xz);
    const float meters_per_px = max(fwidth(hit.x), fwidth(hit.z));
    // Lines thinner than a pixel's footprint would shimmer: fade each set out before that.
    const float fine = grid_lines(hit.xz, 1.0, 1.2) * 0.55 * (1.0 - smoothstep(0.04, 0.2, meters_per_px));
    const float coarse = grid_lines(hit.xz, 5.0, 1.6) * (1.0 - smoothstep(0.2, 1.0, meters_per_px));
    const float near_fade = 1.0 - smoothstep(0.25 * fade_m, fade_m, distance_m);
    const float lines = max(fine, coarse) * near_fade * pc.ground_grid_intensity.a;
    const vec3 floor_color = mix(pc.ground_grid_intensity.rgb, pc.grid_color.rgb, lines);
    // Haze: the floor melts into the horizon color with distance.
    const float haze = 1.0 - exp(-distance_m / (2.5 * fade_m));
    color = mix(floor_color, horizon, haze);
    depth = 0.5 * s;
  }

  // Dither by about one 8-bit sRGB step so the dark gradient does not band. One sRGB step is
  // about 2*sqrt(c)/255 in linear light (sRGB ~ sqrt), cheaper than converting both ways.
  const float noise = pixel_noise(gl_FragCoord.xy) - 0.5;
  out_color = vec4(max(color + noise * (2.0 / 255.0) * sqrt(color), vec3(0.0)), 1.0);
  gl_FragDepth = depth;
}
