/**
 * What the person at the door hears and feels, so they need not look at the screen for every ticket:
 * one high beep for a welcome, two low ones for a refusal (Web Audio, no sound files to download).
 */
let audio: AudioContext | null = null;

function beep(context: AudioContext, frequency: number, start: number, seconds: number): void {
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.type = 'square';
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.15, context.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + start + seconds);
  osc.connect(gain).connect(context.destination);
  osc.start(context.currentTime + start);
  osc.stop(context.currentTime + start + seconds);
}

export function signal(ok: boolean): void {
  try {
    // Created on the first scan: browsers let a page make sound only after the person did something.
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    if (ok) beep(audio, 1320, 0, 0.12);
    else {
      beep(audio, 220, 0, 0.15);
      beep(audio, 220, 0.22, 0.15);
    }
  } catch {
    // No audio on this device: the screen and the vibration still say it.
  }
  if ('vibrate' in navigator) navigator.vibrate(ok ? 80 : [200, 100, 200]);
}
