// The same MoveNet code Hearth ships (its built tf-runtime chunk), model and wasm, in a plain page with the camera.
window.benchPose = async (chunkPath, model, backend, frames) => {
  const rt = await import(chunkPath);
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
  const t0 = performance.now();
  await new Promise((resolve) => {
    const onFrame = (now, meta) => {
      if (results.length >= frames) return resolve();
      video.requestVideoFrameCallback(onFrame);
      if (busy) {
        dropped++;
        return;
      }
      busy = true;
      const captured = meta.captureTime ?? meta.expectedDisplayTime ?? now;
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
  return { fps: results.length / seconds, dropped, results };
};
