// noise.glsl — a per-pixel noise for dithering.
// Interleaved gradient noise: a stable per-pixel value in [0, 1) that hides 8-bit banding.
float pixel_noise(vec2 frag_coord) {
  return fract(52.9829189 * fract(dot(frag_coord, vec2(0.06711056, 0.00583715))));
}
