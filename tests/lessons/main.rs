//! Every lesson held to what it promises: each hands-on task is done by the
//! moves its hint describes and stays undone without them, predictions
//! come out as the run shows, and every number the text quotes comes from
//! its formula or its scenario. One binary, one shared way of playing a
//! step ([`play`]).

mod one_to_five;
mod play;
mod six_to_ten;
