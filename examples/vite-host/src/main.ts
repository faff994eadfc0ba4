// The host's own script: one import defines <trial-self-check> (the package's only side effect),
// and the package's declarations type the element and its outcome event, which this host shows
// on the page (no answers are in it, only the level and the two versions).
import 'trial-self-check';
import type { TrialSelfCheckOutcomeDetail } from 'trial-self-check';

const check: HTMLElementTagNameMap['trial-self-check'] | null = document.querySelector('trial-self-check');
const seen = document.getElementById('seen');
check?.addEventListener('trial-self-check-outcome', (event) => {
  const detail: TrialSelfCheckOutcomeDetail = event.detail;
  if (seen) seen.textContent = `Outcome: ${detail.outcome} (widget ${detail.widgetVersion}, questions ${detail.contentVersion})`;
});
