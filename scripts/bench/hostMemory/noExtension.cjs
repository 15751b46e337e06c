// The stand-in for Evidence Writer in bench:host: an extension that does nothing.
exports.activate = () => undefined;
