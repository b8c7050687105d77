// The same MoveNet code Hearth ships (lib/pose/host/tf-runtime.ts, bundled by the bench), model and wasm, in a plain
// page with the camera: the naive way, on the page's own thread, one inference per video frame callback. The video
// is on screen as the page's preview. The compositor shows new frames while the page's thread is busy with the
// model, so a result's lag behind the preview is its latency minus the preview's own (capture → display).
window.benchPose = async (runtimePath, model, backend, frames) => {
  const rt = await import(runtimePath);
  const url = (p) => `/ext${p}`;
  const video = document.getElementById('v');
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  video.srcObject = stream;
  await video.play();
  const engine = rt.createTfPoseEngine({ gpu: navigator.gpu, packagedUrl: url });
  await engine.useBackend(backend);
  const detector = await engine.createDetector(model);
  await detector.estimate(video);
  const results = [];
  let busy = false;
  let dropped = 0;
  const displayDelays = []; // capture → on screen, per frame the preview showed
  const t0 = performance.now();
  await new Promise((resolve) => {
    const onFrame = (now, meta) => {
      if (results.length >= frames) return resolve();
      video.requestVideoFrameCallback(onFrame);
      const captured = meta.captureTime ?? meta.expectedDisplayTime ?? now;
      if (meta.captureTime !== undefined) displayDelays.push(meta.expectedDisplayTime - meta.captureTime);
      if (busy) {
        dropped++;
        return;
      }
      busy = true;
      const s = performance.now();
      detector.estimate(video).then((poses) => {
        const end = performance.now();
        results.push({ poses, inferenceMs: end - s, latencyMs: end - captured });
        busy = false;
      });
    };
    video.requestVideoFrameCallback(onFrame);
  });
  const seconds = (performance.now() - t0) / 1000;
  detector.dispose();
  stream.getTracks().forEach((t) => t.stop());
  const displayDelayMs = displayDelays.sort((a, b) => a - b)[Math.floor(displayDelays.length / 2)] ?? 0;
  for (const r of results) r.previewLagMs = Math.max(0, r.latencyMs - displayDelayMs);
  return { fps: results.length / seconds, dropped, results, displayDelayMs };
};
