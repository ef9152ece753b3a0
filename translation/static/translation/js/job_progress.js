// A running machine translation job's page reloads itself until the job is finished.
(() => {
  const running = document.querySelector("[data-tw-job-running]");
  if (running) {
    const seconds = Number(running.dataset.twJobRunning) || 5;
    window.setTimeout(() => window.location.reload(), seconds * 1000);
  }
})();
