// One browser leg: the microphone, an RTCPeerConnection and steps 2 and 3 of docs/webrtc.md over the dashboard
// socket. The gateway is ICE-lite with one host candidate in its answer, so the offer goes out as soon as it is
// set: nothing needs to trickle, and our own candidates are of no use to a lite agent.

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12)); // randomUUID needs a secure context; this does not
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class WebRtcSession {
  /**
   * @param socket   {request, send} of live.js
   * @param onRemote called with a MediaStream of the gateway's audio (our answer has no a=msid, so the track comes
   *                 without a stream of its own)
   * @param onFailed called once when the transport fails (ICE or DTLS) before the gateway says why
   */
  constructor(socket, { onRemote, onFailed }) {
    this.socket = socket;
    this.id = randomId();
    this.onRemote = onRemote;
    this.onFailed = onFailed;
    this.offered = false;
    this.linked = false;
    this.closed = false;
  }

  /** The microphone first: a call nobody can speak on is not worth a port on the gateway. */
  async capture(constraints) {
    this.local = await navigator.mediaDevices.getUserMedia(constraints);
    return this.local;
  }

  /** Step 2: our offer, the gateway's answer. {@code munge} may rewrite the SDP sent (tests do). */
  async offer(munge) {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.pc = pc;
    pc.ontrack = (e) => this.onRemote(new MediaStream([e.track]));
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' && !this.closed) this.onFailed(`transport ${pc.connectionState}`);
    };
    for (const track of this.local.getAudioTracks()) pc.addTrack(track, this.local);
    await pc.setLocalDescription(await pc.createOffer());
    const sdp = munge ? munge(pc.localDescription.sdp) : pc.localDescription.sdp;
    this.offered = true;
    const reply = await this.socket.request({ type: 'webrtc.offer', sessionId: this.id, sdp });
    if (this.closed) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
  }

  /** Step 3: into the call (a pending call of ours is routed now; a call ringing us is answered). */
  async link(callId) {
    await this.socket.request({ type: 'webrtc.link', sessionId: this.id, callId });
    this.linked = true;
  }

  set muted(on) {
    if (this.local) this.local.getAudioTracks().forEach((t) => (t.enabled = !on));
  }

  get localTrack() {
    return this.local ? this.local.getAudioTracks()[0] : null;
  }

  /**
   * Ends the browser side. An unlinked session is closed on the gateway too (its port freed at once); a linked
   * one ends with its call, which the caller hangs up over REST.
   */
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this.offered && !this.linked) this.socket.send({ type: 'webrtc.close', sessionId: this.id });
    if (this.pc) this.pc.close();
    if (this.local) this.local.getTracks().forEach((t) => t.stop());
  }
}
