//! A local stand-in for the 旗舰版 and Qimen gateways, driven by the specs.
